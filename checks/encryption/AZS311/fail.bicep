param location string = resourceGroup().location

// Purge protection is off when enablePurgeProtection is absent.
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fail'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableSoftDelete: true
  }
}

resource hsm 'Microsoft.KeyVault/managedHSMs@2023-07-01' = {
  name: 'hsm-fail'
  location: location
  sku: {
    family: 'B'
    name: 'Standard_B1'
  }
  properties: {
    tenantId: subscription().tenantId
    initialAdminObjectIds: [
      '00000000-0000-0000-0000-000000000001'
    ]
    enablePurgeProtection: false
  }
}
