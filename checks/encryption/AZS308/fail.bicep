param location string = resourceGroup().location
param hostEncryption bool = false

// encryptionAtHost is false when absent.
resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-fail'
  location: location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
  }
}

resource vm2 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm2-fail'
  location: location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    securityProfile: {
      encryptionAtHost: hostEncryption
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
    orchestrationMode: 'Uniform'
    virtualMachineProfile: {
      storageProfile: {
        osDisk: {
          createOption: 'FromImage'
        }
      }
    }
  }
}
