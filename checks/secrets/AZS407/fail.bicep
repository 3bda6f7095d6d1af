@secure()
param apiKey string

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-fail'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'api-key'
  properties: {
    value: apiKey
  }
}

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: kv
  name: 'cmk'
  properties: {
    kty: 'RSA'
    keySize: 3072
    attributes: {
      enabled: true
    }
  }
}
