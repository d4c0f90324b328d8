export { ConfigError, loadConfig } from './load-config';
export { ServiceConfig, POSTGRES_URL, databaseUrlMessage, withServiceDatabase } from './service-config';
export { GatewayBaseConfig } from './gateway-config';
