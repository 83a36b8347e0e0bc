/** One rejected setting: its dotted path, the value given and what would be accepted. */
export interface SettingProblem {
  setting: string;
  value: unknown;
  accepted: string;
}

/**
 * Raised by `SettingsStore.update` when a patch has an invalid value or an unknown key.
 * Nothing is saved. The message lists each setting with the accepted values.
 */
export class SettingsValidationError extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(
      problems
        .map(
          (problem) =>
            `Invalid setting ${problem.setting} = ${JSON.stringify(problem.value) ?? 'undefined'}: ` +
            `expected ${problem.accepted}.`,
        )
        .join(' '),
    );
    this.name = 'SettingsValidationError';
  }
}

/**
 * Raised when a settings patch contains a key that looks like a secret (an application key,
 * a token, a password). Secrets belong in the OS keychain, so nothing is saved.
 */
export class SettingsSecretError extends Error {
  constructor(readonly setting: string) {
    super(
      `Setting ${setting} looks like a secret and was rejected. The settings file is plain ` +
        `text, so the Cin7 Core Application Key and the Upstock token are kept in the OS ` +
        `keychain instead: save them through the vault (CredentialVault).`,
    );
    this.name = 'SettingsSecretError';
  }
}
