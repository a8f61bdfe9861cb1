-- The facts of an account event for programs (a JSON object of strings: app, error, oauthError,
-- nextRetry, refreshTokenFingerprint, revokedAtProvider), beside the detail written for people;
-- webhooks send the same. Never a secret. Older events have none.
ALTER TABLE account_events ADD COLUMN data TEXT NOT NULL DEFAULT '{}';
