#ifndef AZSCAN_SECRETS_COMMON_H
#define AZSCAN_SECRETS_COMMON_H

/*
 * Helpers shared by the secrets checks (checks/secrets/): recognising
 * credentials inside strings, secret-looking names, and values that are
 * secrets at runtime (secure parameters, list*() results).
 */

#include "../catalog.h"

/*
 * What kind of credential the text carries, for messages ("an account
 * key", "a password", "a SAS token"), or NULL: a connection-string pair
 * AccountKey=, SharedAccessKey=, Password= or Pwd= with a value that is not
 * empty and not a placeholder ({...}, <...>, $..., %...%), or a SAS token
 * (sig= together with sv= or skn=).
 */
const char *secrets_credential_in_text(const char *s, size_t n);

/*
 * Whether a command line passes a password-like literal: an option such as
 * -Password, --admin-password or /token followed by a value, or an
 * assignment such as DB_PASSWORD=..., where the value is not empty, not a
 * placeholder and not a variable ($x, %x%). Connection strings and SAS
 * tokens count too (secrets_credential_in_text).
 */
bool secrets_command_has_secret(const char *s, size_t n);

/* Whether an unknown value's reason names a list*() function:
 * "listKeys()", "listSecrets()", "listAccountSas()". */
bool secrets_is_list_reason(const char *reason);

/*
 * The first value in `v` (itself, or inside an array or object) that is a
 * runtime secret: secure (from a secure parameter, or marked so by the
 * model) or the unknown result of a list*() function. NULL when none. A
 * known bool or number computed from a secret is not one.
 */
const az_value *secrets_find_runtime_secret(const az_value *v);

/*
 * Whether a parameter's name says it holds a secret: password, passwd, pwd,
 * passphrase, secret, token, apikey, accesskey, accountkey, sharedkey,
 * masterkey, privatekey, connectionstring, ... (ignoring case and the
 * separators _ and -), unless its last word says it holds something about
 * the secret rather than the secret itself: secretName, passwordLength,
 * keyVaultSecretUri, tokenLifetime.
 */
bool secrets_name_is_secret(const char *name);

/* A runtime secret (see secrets_find_runtime_secret) as a message reads it:
 * "the result of listKeys()", "a secure value (default of parameter 'pw',
 * main.bicep:3)". Written to `buf`, which is returned. */
const char *secrets_describe(check_context *ctx, const az_value *v, char *buf, size_t size);

#endif
