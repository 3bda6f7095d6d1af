// The registry's private-endpoint module is called once per item of an
// optional parameter: whether an endpoint reaches the cache is decided at
// deployment, so nothing is reported.
param privateEndpoints array?

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'redis-optional-pe'
  location: 'westeurope'
  properties: {
    sku: {
      name: 'Premium'
      family: 'P'
      capacity: 1
    }
  }
}

module endpoints 'br/public:avm/res/network/private-endpoint:0.11.0' = [
  for (pe, i) in (privateEndpoints ?? []): {
    name: 'redis-pe-${i}'
    params: {
      name: 'pe-redis-${i}'
      subnetResourceId: pe.subnetResourceId
      privateLinkServiceConnections: [
        {
          name: 'redis'
          properties: {
            privateLinkServiceId: redis.id
            groupIds: [
              'redisCache'
            ]
          }
        }
      ]
    }
  }
]
