// The endpoint sits in a module that receives the target id as an argument;
// the Service Bus namespace sits in a module and is reached from here.
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
    targetId: stg.id
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

module peHub 'modules/pe.bicep' = {
  name: 'pe-hub'
  params: {
    name: 'pe-hub'
    targetId: resourceId('Microsoft.EventHub/namespaces', 'sb-module-hub')
    groupId: 'namespace'
  }
}
