@secure()
param adminPassword string

param storageName string = 'stgpass'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

@secure()
output password string = adminPassword

@secure()
output storageKey string = stg.listKeys().keys[0].value

output storageId string = stg.id
output blobEndpoint string = stg.properties.primaryEndpoints.blob
output connection string = 'BlobEndpoint=https://${storageName}.blob.core.windows.net/'
