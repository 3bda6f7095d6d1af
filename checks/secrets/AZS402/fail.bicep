param adminPassword string

param storageAccountKey string = ''

param DB_CONNECTION_STRING string

param apiKeys object = {}

param githubToken string

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-fail'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'db-connection'
  properties: {
    value: DB_CONNECTION_STRING
  }
}
