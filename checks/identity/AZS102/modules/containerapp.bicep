param identityType string = 'SystemAssigned'

resource ca 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-module'
  location: 'westeurope'
  identity: {
    type: identityType
  }
  properties: {
    managedEnvironmentId: resourceId('Microsoft.App/managedEnvironments', 'env')
  }
}
