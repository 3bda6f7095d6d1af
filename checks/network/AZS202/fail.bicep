param location string = 'westeurope'
param subnetId string = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe'
param otherRegistry string = 'acr-other'

// Reached: the endpoint names it through its symbolic id.
resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgreached'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

// No endpoint at all.
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fail'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    publicNetworkAccess: 'Disabled'
  }
}

// The endpoint below names another registry (default of parameter 'otherRegistry').
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr-fail'
  location: location
  sku: {
    name: 'Premium'
  }
}

// VNet-injected: needs no private endpoint.
resource pg 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'pg-injected'
  location: location
  properties: {
    network: {
      delegatedSubnetResourceId: subnetId
    }
  }
}

resource peStg 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-stg'
  location: location
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: stg.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource peAcr 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-acr'
  location: location
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: resourceId('Microsoft.ContainerRegistry/registries', otherRegistry)
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}
