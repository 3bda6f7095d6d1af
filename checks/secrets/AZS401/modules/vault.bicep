param vaultName string

@secure()
param secretValue string = 'hunter2'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'app-secret'
  properties: {
    value: secretValue
  }
}
