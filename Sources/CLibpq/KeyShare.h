// The TLS key share libpq's connections offer first (KeyShare.c); called once libpq is loaded.
#ifndef CLIBPQ_KEY_SHARE_H
#define CLIBPQ_KEY_SHARE_H

/// Has OpenSSL, loaded with libpq (`library`, dlopen's handle), offer P-256's key share first,
/// unless this machine's OpenSSL configuration chooses the groups itself.
void CLibpq_offer_p256_first(void *library);

#endif
