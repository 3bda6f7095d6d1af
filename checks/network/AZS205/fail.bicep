param defaultAction string = 'Allow'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgacl'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    networkAcls: {
      defaultAction: defaultAction
    }
  }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-acl'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-acl'
  location: 'westeurope'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: 'westeurope'
      }
    ]
    isVirtualNetworkFilterEnabled: false
    ipRules: []
  }
}

resource hub 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'evh-acl'
  location: 'westeurope'
  sku: {
    name: 'Standard'
  }

  resource rules 'networkRuleSets' = {
    name: 'default'
    properties: {
      defaultAction: 'Allow'
    }
  }
}

// Public network access is disabled: the default action is moot.
resource stgPrivate 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgprivate'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
