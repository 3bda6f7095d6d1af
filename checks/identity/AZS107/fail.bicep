param location string = 'westeurope'
param rbac bool = false

var legacyAad = {
  clientAppID: '33333333-3333-3333-3333-333333333333'
  serverAppID: '44444444-4444-4444-4444-444444444444'
  tenantID: '55555555-5555-5555-5555-555555555555'
}

resource noRbac 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-no-rbac'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'norbac'
    enableRBAC: rbac
  }
}

resource noAad 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-no-aad'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'noaad'
    enableRBAC: true
  }
}

resource legacy 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-legacy'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'legacy'
    aadProfile: legacyAad
  }
}

resource unmanaged 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-unmanaged'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'unmanaged'
    aadProfile: {
      managed: false
    }
  }
}
