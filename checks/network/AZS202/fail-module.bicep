// The module's endpoint is given another account's id; the Event Hubs
// namespace inside the module 'bus' is reached by nothing.
resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgmodule'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}

module peStg 'modules/pe.bicep' = {
  name: 'pe-stg'
  params: {
    name: 'pe-stg'
    targetId: resourceId('Microsoft.Storage/storageAccounts', 'stgelsewhere')
    groupId: 'blob'
  }
}

module bus 'modules/bus.bicep' = {
  name: 'bus'
  params: {
    name: 'sb-module'
  }
}

module peBus 'modules/pe.bicep' = {
  name: 'pe-bus'
  params: {
    name: 'pe-bus'
    targetId: resourceId('Microsoft.ServiceBus/namespaces', 'sb-module')
    groupId: 'namespace'
  }
}
