param location string = 'westeurope'

@secure()
param adminPassword string

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' existing = {
  name: 'vm-pass'
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
      fileUris: [
        'https://example.com/setup.ps1'
      ]
    }
    protectedSettings: {
      commandToExecute: 'powershell -File setup.ps1 -Password ${adminPassword}'
    }
  }
}

resource plain 'Microsoft.Compute/virtualMachines/extensions@2024-03-01' = {
  parent: vm
  name: 'plain'
  location: location
  properties: {
    publisher: 'Microsoft.Azure.Extensions'
    type: 'CustomScript'
    typeHandlerVersion: '2.1'
    settings: {
      commandToExecute: 'sh install.sh --password-file /etc/app/secret --token $APP_TOKEN'
    }
  }
}
