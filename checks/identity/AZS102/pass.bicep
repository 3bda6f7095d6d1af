param location string = 'westeurope'
param uamiId string = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'uami')

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
}

resource slot 'Microsoft.Web/sites/slots@2023-12-01' = {
  parent: app
  name: 'staging'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${uamiId}': {}
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-pass'
  location: location
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${uamiId}': {}
    }
  }
  properties: {
    dnsPrefix: 'aks'
  }
}

resource existingApp 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'app-elsewhere'
}

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgnoidentity'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}
