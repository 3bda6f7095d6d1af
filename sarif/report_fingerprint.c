#include "report.h"

#include <stdint.h>
#include <string.h>

/*
 * FNV-1a with 128 bits: a published, fixed function, so fingerprints stay
 * the same across builds, platforms and versions (a baseline written today
 * must match tomorrow). 128 bits keep collisions out of reach for any
 * number of findings. The state is four 32-bit limbs, least significant
 * first, so that products fit in 64 bits without compiler extensions.
 */
typedef struct {
    uint32_t limb[4];
} fnv128;

/* 2^88 + 2^8 + 0x3b */
static const fnv128 fnv_prime = {{0x0000013B, 0x00000000, 0x01000000, 0x00000000}};

static void fnv_multiply(fnv128 *h)
{
    uint32_t product[4] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; i + j < 4; j++) {
            uint64_t t = (uint64_t)h->limb[i] * fnv_prime.limb[j] + product[i + j] + carry;
            product[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
    }
    memcpy(h->limb, product, sizeof(product));
}

static void fnv_byte(fnv128 *h, unsigned char b)
{
    h->limb[0] ^= b;
    fnv_multiply(h);
}

/* A field: a tag telling absent from empty, its bytes, and a NUL ending it,
 * so that no two sequences of fields hash the same bytes. */
static void fnv_field(fnv128 *h, const char *s)
{
    fnv_byte(h, s ? 's' : 'n');
    for (const char *p = s; p && *p; p++)
        fnv_byte(h, (unsigned char)*p);
    fnv_byte(h, 0);
}

void report_fingerprint(const az_finding *f, char out[REPORT_FINGERPRINT_SIZE])
{
    /* The offset basis 0x6c62272e07bb014262b821756295c58d. */
    fnv128 h = {{0x6295c58d, 0x62b82175, 0x07bb0142, 0x6c62272e}};
    fnv_field(&h, f->check->meta.id);
    fnv_field(&h, f->file);
    fnv_field(&h, f->resource_type);
    fnv_field(&h, f->resource);
    fnv_field(&h, f->property);
    fnv_field(&h, f->variant);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        unsigned byte = (h.limb[3 - i / 4] >> (24 - 8 * (i % 4))) & 0xFF;
        out[2 * i] = hex[byte >> 4];
        out[2 * i + 1] = hex[byte & 0xF];
    }
    out[32] = '\0';
}
