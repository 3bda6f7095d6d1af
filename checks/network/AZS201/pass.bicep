param location string = resourceGroup().location

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgpass${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-pass'
  location: location
  properties: {
    network: {
      delegatedSubnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'db')
    }
  }
}

resource ehns 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'eh-pass'
  location: location
  properties: {
    publicNetworkAccess: 'SecuredByPerimeter'
  }
}
