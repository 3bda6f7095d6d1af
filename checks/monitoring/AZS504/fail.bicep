param location string = 'westeurope'

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-fail'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aksfail'
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4s_v5'
        mode: 'System'
      }
    ]
  }
}

resource off 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-off'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aksoff'
    addonProfiles: {
      omsagent: {
        enabled: false
      }
    }
    azureMonitorProfile: {
      metrics: {
        enabled: false
      }
    }
  }
}
