@secure()
param apiKey string

param expiry int = 1767225600

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-pass'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: 'api-key'
  properties: {
    value: apiKey
    attributes: {
      exp: expiry
    }
  }
}

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: kv
  name: 'cmk'
  properties: {
    kty: 'RSA'
    keySize: 3072
    attributes: {
      exp: 1767225600
    }
  }
}

resource existingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: kv
  name: 'legacy'
}
