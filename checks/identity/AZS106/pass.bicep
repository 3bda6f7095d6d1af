param location string = 'westeurope'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stglocalauthpass'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
  }
}

resource oai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-pass'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    disableLocalAuth: true
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrpass'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {}
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-pass'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks'
    disableLocalAccounts: true
  }
}
