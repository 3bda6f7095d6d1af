param adminGroupObjectId string = '66666666-6666-6666-6666-666666666666'

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-pass'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks'
    enableRBAC: true
    aadProfile: {
      managed: true
      enableAzureRBAC: true
      adminGroupObjectIDs: [
        adminGroupObjectId
      ]
    }
  }
}
