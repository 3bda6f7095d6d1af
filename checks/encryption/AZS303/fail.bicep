param location string = resourceGroup().location
param allowAnonymous bool = true

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowBlobPublicAccess: allowAnonymous
  }
}

// Before API version 2023-01-01, an absent allowBlobPublicAccess is true.
resource stgOld 'Microsoft.Storage/storageAccounts@2022-09-01' = {
  name: 'stgoldfail'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {}
}

resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: stg
  name: 'default'
}

resource images 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blob
  name: 'images'
  properties: {
    publicAccess: 'Blob'
  }
}

resource exports 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blob
  name: 'exports'
  properties: {
    publicAccess: 'Container'
  }
}
