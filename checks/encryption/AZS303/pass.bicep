param location string = resourceGroup().location

// From API version 2023-01-01 on, an absent allowBlobPublicAccess is false.
resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {}
}

resource stgOld 'Microsoft.Storage/storageAccounts@2022-09-01' = {
  name: 'stgoldpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowBlobPublicAccess: false
  }
}

resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: stg
  name: 'default'
}

resource data 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blob
  name: 'data'
  properties: {
    publicAccess: 'None'
  }
}

resource logs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blob
  name: 'logs'
}
