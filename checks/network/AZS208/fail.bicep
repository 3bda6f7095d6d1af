param privateCluster bool = false

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-public'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-public'
    apiServerAccessProfile: {
      enablePrivateCluster: privateCluster
    }
  }
}

resource aksDefault 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-default'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-default'
  }
}

resource aksAnywhere 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-anywhere'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-anywhere'
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '203.0.113.0/24'
        '0.0.0.0/0'
      ]
    }
  }
}
