param location string = 'westeurope'
param identityType string = 'None'

var factoryIdentity = 'None'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  identity: {
    type: identityType
  }
  properties: {
    httpsOnly: true
  }
}

resource adf 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: 'adf-fail'
  location: location
  identity: {
    type: factoryIdentity
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks-fail'
  location: location
  properties: {
    dnsPrefix: 'aks'
    servicePrincipalProfile: {
      clientId: '11111111-1111-1111-1111-111111111111'
    }
  }
}

resource topic 'Microsoft.EventGrid/topics@2024-06-01-preview' = {
  name: 'egt-fail'
  location: location
}
