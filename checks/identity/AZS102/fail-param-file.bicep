param identityType string = 'SystemAssigned'

resource logic 'Microsoft.Logic/workflows@2019-05-01' = {
  name: 'logic-param-file'
  location: 'westeurope'
  identity: {
    type: identityType
  }
  properties: {
    state: 'Enabled'
  }
}
