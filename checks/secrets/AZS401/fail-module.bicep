module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    vaultName: 'kv-fail'
  }
}
