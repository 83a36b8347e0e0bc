export { CredentialVault, VAULT_ACCOUNTS, VAULT_SERVICE } from './credential-vault.js';
export type { CredentialSource, CredentialVaultOptions } from './credential-vault.js';
export { CREDENTIAL_ENV_VARS, EnvCredentialSource } from './env-credentials.js';
export { AmbiguousCredentialError, KeychainUnavailableError } from './errors.js';
