/*
 * The committed schema.graphql lists the object types in the order their classes are first loaded.
 * Loading them here, before anything else, in the order that file has always had, keeps it stable
 * whatever the folder layout: issue 10 gave capabilities, capacity and labels their own modules
 * without changing the SDL. A new model goes at the end.
 */
import './organisations/organisation.model';
import './sites/site.model';
import './search/supplier-match.model';
import './capabilities/capability.model';
import './capacity/spare-capacity.model';
import './labels/label.model';
