import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { Public } from '@rim/auth';
import { consortiumExtensionFile, ocdsSchemas } from './ocds-schema';

/**
 * Serves our OCDS profile extension, so the URL every exported package lists resolves, and the
 * schemas the export is valid against (core 1.1.5 with the lots, bid and consortium patches
 * applied), so a consumer validates a package without rebuilding them.
 */
@Controller('ocds')
export class OcdsController {
  @Public()
  @Get('extensions/consortium/:file')
  extension(@Param('file') file: string): unknown {
    if (file !== 'extension.json' && file !== 'release-schema.json') throw new NotFoundException();
    return consortiumExtensionFile(file);
  }

  @Public()
  @Get('schema/:file')
  schema(@Param('file') file: string): unknown {
    const { release, releasePackage } = ocdsSchemas();
    if (file === 'release-schema.json') return release;
    if (file === 'release-package-schema.json') return releasePackage;
    throw new NotFoundException();
  }
}
