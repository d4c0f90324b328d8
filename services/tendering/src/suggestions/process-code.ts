/** Booking names processes LASER_CUTTING, the directory taxonomy laser-cutting: one spelling here. */
export function processCodeFromBooking(code: string): string {
  return code.trim().toLowerCase().replace(/_/g, '-');
}
