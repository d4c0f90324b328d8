import { Controller, Get, Param, NotFoundException } from '@nestjs/common';
import { Public } from '@rim/auth';
import { consortiumExtensionFile } from './ocds-schema';

/** Serves our OCDS profile extension, so the URL every exported package lists resolves. */
@Controller('ocds/extensions/consortium')
export class OcdsController {
  @Public()
  @Get(':file')
  file(@Param('file') file: string): unknown {
    if (file !== 'extension.json' && file !== 'release-schema.json') throw new NotFoundException();
    return consortiumExtensionFile(file);
  }
}
