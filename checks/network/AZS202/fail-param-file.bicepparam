using './fail-param-file.bicep'

// The endpoint is pointed at another account.
param target = 'stgother'
