// The module is safe by default; this caller turns purge protection off.
module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    name: 'kv-module-fail'
    purgeProtection: false
  }
}
