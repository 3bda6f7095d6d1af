param location string = 'westeurope'
param workspaceId string
param prometheus bool

resource insights 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-insights'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aksinsights'
    addonProfiles: {
      omsAgent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
      }
    }
  }
}

resource prom 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-prometheus'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aksprom'
    azureMonitorProfile: {
      metrics: {
        enabled: true
      }
    }
  }
}

resource chosen 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-chosen'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'akschosen'
    azureMonitorProfile: {
      metrics: {
        enabled: prometheus
      }
    }
  }
}
