import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ATLAS_OPTIONS, type AtlasOptions } from '../model/publisher';

/** CORS for the portal's origins only (ATLAS_CORS_ORIGINS); a middleware so tests get it too. */
@Injectable()
export class AtlasCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(@Inject(ATLAS_OPTIONS) options: AtlasOptions) {
    this.origins = new Set(options.corsOrigins);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    if (origin && this.origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, If-None-Match');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Cache-Control');
      res.setHeader('Access-Control-Max-Age', '600');
      res.append('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && this.origins.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  }
}
