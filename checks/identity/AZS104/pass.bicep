resource reader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'storage-operator')
  properties: {
    roleName: 'Storage operator'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          '*/read'
          'Microsoft.Storage/storageAccounts/*'
          'Microsoft.Resources/deployments/*'
        ]
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
        ]
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}
