param principalId string = '22222222-2222-2222-2222-222222222222'
param roleId string = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'

resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: principalId
  }
}
