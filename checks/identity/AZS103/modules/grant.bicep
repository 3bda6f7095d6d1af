param roleDefinitionId string
param principalId string = '22222222-2222-2222-2222-222222222222'

resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
  }
}
