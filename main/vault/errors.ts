/** Returns the merchant's next step when no keychain responds, per operating system. */
function keychainAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return (
        'Install and unlock gnome-keyring or another Secret Service provider (KeePassXC ' +
        'with its Secret Service integration, for example), then try again.'
      );
    case 'darwin':
      return 'Unlock the login keychain in Keychain Access, then try again.';
    case 'win32':
      return 'Check that Windows Credential Manager is running for this user, then try again.';
    default:
      return 'Check that the operating system keychain is running and unlocked.';
  }
}

/**
 * Raised when the OS keychain cannot store or read a credential: no Secret Service on the
 * session bus, a locked keyring, no D-Bus session at all. The agent never falls back to a
 * plain-text file, so the message names the headless alternative.
 */
export class KeychainUnavailableError extends Error {
  constructor(
    readonly account: string,
    readonly detail: string,
    platform: NodeJS.Platform = process.platform,
    cause?: unknown,
  ) {
    super(
      `The OS keychain is not available, so the credential "${account}" cannot be stored ` +
        `or read (${detail}). ${keychainAdvice(platform)} For headless use, set ` +
        `DEAR_ACCOUNT_ID, DEAR_APPLICATION_KEY and UPSTOCK_API_TOKEN in the environment and ` +
        `start the agent with environment credentials.`,
      { cause },
    );
    this.name = 'KeychainUnavailableError';
  }
}

/**
 * Raised when the keychain responds but contains more than one item for one of the agent's
 * accounts, which only another program can cause.
 */
export class AmbiguousCredentialError extends Error {
  constructor(
    readonly service: string,
    readonly account: string,
    cause?: unknown,
  ) {
    super(
      `The OS keychain holds more than one item for service "${service}", account ` +
        `"${account}". Delete the extra items in the keychain manager (Passwords and Keys, ` +
        `Keychain Access or Credential Manager), then connect again.`,
      { cause },
    );
    this.name = 'AmbiguousCredentialError';
  }
}
