param privateCluster bool = true

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
    apiServerAccessProfile: {
      authorizedIPRanges: [
        '198.51.100.0/24'
      ]
    }
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
        '198.51.100.0/24'
      ]
    }
  }
}
