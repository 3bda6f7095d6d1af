@secure()
param adminPassword string

@secure()
param storageAccountKey string

param keyVaultName string
param secretName string
param keyVaultSecretUri string
param passwordLength int = 16
param disablePasswordAuthentication bool = true
param sshPublicKey string
param creationToken string = 'vol-data'
param keyName string
param tokenLifetime string = 'PT1H'
param secretsPermissions array = ['get']

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: kv
  name: secretName
  properties: {
    value: storageAccountKey
  }
}

output uri string = keyVaultSecretUri
output len int = passwordLength
output disabled bool = disablePasswordAuthentication
output key string = sshPublicKey
output k string = keyName
output t string = tokenLifetime
output p array = secretsPermissions
output a string = adminPassword == '' ? 'none' : 'set'
