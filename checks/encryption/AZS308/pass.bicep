param location string = resourceGroup().location

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-pass'
  location: location
  properties: {
    hardwareProfile: {
      vmSize: 'Standard_D2s_v5'
    }
    securityProfile: {
      encryptionAtHost: true
    }
  }
}

resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {
  name: 'vmss-pass'
  location: location
  sku: {
    name: 'Standard_D2s_v5'
    capacity: 2
  }
  properties: {
    orchestrationMode: 'Uniform'
    virtualMachineProfile: {
      securityProfile: {
        encryptionAtHost: true
      }
    }
  }
}

// Flexible orchestration without a VM profile: VMs are added on their own.
resource flex 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {
  name: 'vmss-flex-pass'
  location: location
  properties: {
    orchestrationMode: 'Flexible'
    platformFaultDomainCount: 1
  }
}

// Declared elsewhere: not checked here.
resource jumpbox 'Microsoft.Compute/virtualMachines@2024-03-01' existing = {
  name: 'jumpbox'
}
