param location string = 'westeurope'

@secure()
param adminPassword string

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stgfail'
}

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' existing = {
  name: 'vm-fail'
}

resource setup 'Microsoft.Compute/virtualMachines/extensions@2024-03-01' = {
  parent: vm
  name: 'setup'
  location: location
  properties: {
    publisher: 'Microsoft.Compute'
    type: 'CustomScriptExtension'
    typeHandlerVersion: '1.10'
    settings: {
      commandToExecute: 'powershell -File setup.ps1 -Password ${adminPassword}'
    }
  }
}

resource mount 'Microsoft.Compute/virtualMachines/extensions@2024-03-01' = {
  parent: vm
  name: 'mount'
  location: location
  properties: {
    publisher: 'Microsoft.Azure.Extensions'
    type: 'CustomScript'
    typeHandlerVersion: '2.1'
    settings: {
      commandToExecute: 'sh mount.sh ${stg.name} ${stg.listKeys().keys[0].value}'
    }
  }
}

resource literal 'Microsoft.Compute/virtualMachines/extensions@2024-03-01' = {
  parent: vm
  name: 'literal'
  location: location
  properties: {
    publisher: 'Microsoft.Azure.Extensions'
    type: 'CustomScript'
    typeHandlerVersion: '2.1'
    settings: {
      commandToExecute: 'sh install.sh --db-password=Pa55word!'
    }
  }
}

resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {
  name: 'vmss-fail'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 2
  }
  properties: {
    virtualMachineProfile: {
      extensionProfile: {
        extensions: [
          {
            name: 'setup'
            properties: {
              publisher: 'Microsoft.Compute'
              type: 'CustomScriptExtension'
              typeHandlerVersion: '1.10'
              settings: {
                commandToExecute: 'powershell -File setup.ps1 -Password ${adminPassword}'
              }
            }
          }
        ]
      }
    }
  }
}
