import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { hasRole, Public, TokenVerifier, type AuthenticatedRequest, type Principal } from '@rim/auth';
import { AtlasQuery, AtlasRequestError } from '../model/atlas-query';
import { ATLAS_OPTIONS, AtlasPublisher, type AtlasOptions } from '../model/publisher';

type AtlasRequest = Request & AuthenticatedRequest;

/**
 * The atlas over plain HTTP for the map page (contract: ATLAS-API.md). Everything is public in the
 * guard's sense; what a caller sees depends on its roles: authority and operator see every
 * indicator, anyone else the public ones. Nothing served names or identifies an organisation.
 */
@Public()
@Controller('atlas')
export class MapController {
  constructor(
    private readonly query: AtlasQuery,
    private readonly publisher: AtlasPublisher,
    private readonly verifier: TokenVerifier,
    @Inject(ATLAS_OPTIONS) private readonly options: AtlasOptions,
  ) {}

  /** The guard has verified an Authorization header; EventSource can only pass `?access_token=`. */
  private async principal(req: AtlasRequest): Promise<Principal | undefined> {
    if (req.principal) return req.principal;
    const token = typeof req.query['access_token'] === 'string' ? req.query['access_token'] : undefined;
    if (!token) return undefined;
    // A stale token on a public page reads as anonymous rather than breaking the page.
    return this.verifier.verify(token).catch(() => undefined);
  }

  private async privileged(req: AtlasRequest): Promise<boolean> {
    const principal = await this.principal(req);
    return principal ? hasRole(principal, 'authority', 'operator') : false;
  }

  private async answer(res: Response, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof AtlasRequestError) {
        res.status(error.status).json({ error: error.message, field: error.field });
        return;
      }
      throw error;
    }
  }

  /** JSON with an ETag; 304 when the caller has it already. */
  private send(req: Request, res: Response, body: string, contentType: string, isPublic: boolean): void {
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('Cache-Control', `${isPublic ? 'public' : 'private'}, max-age=${this.options.cacheSeconds}`);
    res.setHeader('ETag', etag);
    res.setHeader('Vary', 'Authorization, Origin');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.status(200).type(contentType).send(body);
  }

  @Get('indicators')
  async indicators(@Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    const privileged = await this.privileged(req);
    const body = this.query.indicators(privileged).map(({ key, label, unit, public: isPublic, step }) => ({ key, label, unit, public: isPublic, step }));
    this.send(req, res, JSON.stringify(body), 'application/json', !privileged);
  }

  @Get('geojson/:level')
  async geojson(@Param('level') levelParam: string, @Query() params: Record<string, unknown>, @Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const level = this.query.level(levelParam);
      const indicator = this.query.indicator(params['indicator'], await this.privileged(req));
      const within = this.query.within(params['within'], level);
      const features = this.query.values(level, indicator.key, within).map((v) => ({
        type: 'Feature',
        id: v.code,
        geometry: v.geometry,
        properties: {
          code: v.code,
          name: v.name,
          level: v.level,
          indicator: v.indicator,
          value: v.value,
          withheld: v.withheld,
          withheldReason: v.withheldReason,
          centre: v.centre,
        },
      }));
      this.send(req, res, JSON.stringify({ type: 'FeatureCollection', features }), 'application/geo+json', indicator.public);
    });
  }

  @Get('areas/:level/:code')
  async area(@Param('level') levelParam: string, @Param('code') code: string, @Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const level = this.query.level(levelParam);
      const privileged = await this.privileged(req);
      this.send(req, res, JSON.stringify(await this.query.area(level, code, privileged)), 'application/json', !privileged);
    });
  }

  @Get('flows')
  async flows(@Query() params: Record<string, unknown>, @Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      if ((params['level'] ?? 'epci') !== 'epci') throw new AtlasRequestError(400, 'level', 'flows are drawn between EPCIs only: level=epci');
      if ((params['indicator'] ?? 'trips') !== 'trips') throw new AtlasRequestError(400, 'indicator', 'the only flow indicator is trips');
      const features = (await this.query.flows()).map((f) => ({
        type: 'Feature',
        id: `${f.origin}>${f.destination}`,
        geometry: { type: 'LineString', coordinates: [f.originCentre, f.destinationCentre] },
        properties: {
          origin: f.origin,
          destination: f.destination,
          originName: f.originName,
          destinationName: f.destinationName,
          count: f.count,
          loads: f.loads,
          withheld: f.withheld,
        },
      }));
      this.send(req, res, JSON.stringify({ type: 'FeatureCollection', features }), 'application/geo+json', true);
    });
  }

  @Get('export.csv')
  async csv(@Query() params: Record<string, unknown>, @Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      const level = this.query.level(params['level']);
      const indicator = this.query.indicator(params['indicator'], await this.privileged(req));
      const within = this.query.within(params['within'], level);
      const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const lines = ['code,name,level,indicator,value,withheld'];
      for (const v of this.query.values(level, indicator.key, within)) {
        lines.push([v.code, quote(v.name), v.level, v.indicator, v.value === null ? '' : String(v.value), String(v.withheld)].join(','));
      }
      res.setHeader('Content-Disposition', `attachment; filename="atlas-${level}-${indicator.key}.csv"`);
      this.send(req, res, `${lines.join('\r\n')}\r\n`, 'text/csv; charset=utf-8', indicator.public);
    });
  }

  @Get('stream')
  async stream(@Req() req: AtlasRequest, @Res() res: Response): Promise<void> {
    const privileged = await this.privileged(req);
    const visible = new Set(this.query.indicators(privileged).map((d) => d.key));
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`: atlas stream, ${privileged ? 'all' : 'public'} indicators\n\n`);
    const subscription = this.publisher.changes.subscribe((change) => {
      if (visible.has(change.indicator)) res.write(`event: indicator\ndata: ${JSON.stringify(change)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), this.options.heartbeatMs);
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    });
  }
}
