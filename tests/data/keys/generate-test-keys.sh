#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the fixtures in this folder with the openssl and ssh-keygen command lines.
# These keys are public test data: never use them, or anything named test-only-*, for real.
set -eu
cd "$(dirname "$0")"
PASS=test-only-passphrase
SUBJ="/C=US/O=Suitebench Tests/CN=test-only-rsa2048"

rm -f test-only-*

# RSA 2048 in every container the loaders must read (K1, K2, K5).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out test-only-rsa2048-pkcs8.pem
openssl rsa -in test-only-rsa2048-pkcs8.pem -traditional -out test-only-rsa2048-pkcs1.pem
openssl pkcs8 -topk8 -nocrypt -in test-only-rsa2048-pkcs8.pem -outform DER -out test-only-rsa2048-pkcs8.der
openssl rsa -in test-only-rsa2048-pkcs8.pem -traditional -outform DER -out test-only-rsa2048-pkcs1.der
openssl pkcs8 -topk8 -in test-only-rsa2048-pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 \
    -iter 2048 -passout pass:$PASS -out test-only-rsa2048-enc-pkcs8.pem
openssl pkcs8 -topk8 -in test-only-rsa2048-pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 \
    -iter 2048 -passout pass:$PASS -outform DER -out test-only-rsa2048-enc-pkcs8.der
openssl pkcs8 -topk8 -in test-only-rsa2048-pkcs8.pem -v2 aes-256-cbc -scrypt \
    -scrypt_N 16384 -scrypt_r 8 -scrypt_p 1 -passout pass:$PASS -out test-only-rsa2048-enc-scrypt.pem
openssl rsa -in test-only-rsa2048-pkcs8.pem -traditional -aes256 -passout pass:$PASS \
    -out test-only-rsa2048-enc-legacy.pem
openssl pkey -in test-only-rsa2048-pkcs8.pem -pubout -out test-only-rsa2048-pub.pem
openssl rsa -in test-only-rsa2048-pkcs8.pem -RSAPublicKey_out -out test-only-rsa2048-rsapub.pem
openssl req -x509 -new -key test-only-rsa2048-pkcs8.pem -subj "$SUBJ" -days 3650 -sha256 \
    -out test-only-rsa2048-cert.pem
openssl x509 -in test-only-rsa2048-cert.pem -outform DER -out test-only-rsa2048-cert.der
openssl req -new -key test-only-rsa2048-pkcs8.pem -subj "$SUBJ" -out test-only-rsa2048-csr.pem
cat test-only-rsa2048-cert.pem test-only-rsa2048-pkcs8.pem > test-only-rsa2048-cert-then-key.pem
cat test-only-rsa2048-pkcs8.pem test-only-rsa2048-cert.pem > test-only-rsa2048-key-then-cert.pem
sed 's/$/\r/' test-only-rsa2048-pkcs8.pem > test-only-rsa2048-crlf.pem
sed 's/$/\r/' test-only-rsa2048-cert.pem > test-only-rsa2048-cert-crlf.pem
# The key as a JSON string value: one line with literal "\n" escapes (K5).
printf '{"private_key": "%s"}\n' "$(awk '{printf "%s\\n", $0}' test-only-rsa2048-pkcs8.pem)" \
    > test-only-rsa2048-escaped.json
openssl pkcs12 -export -inkey test-only-rsa2048-pkcs8.pem -in test-only-rsa2048-cert.pem \
    -passout pass:$PASS -out test-only-rsa2048.p12

# EC keys on every curve we sign with, and one we do not (K6).
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out test-only-ec-p256-pkcs8.pem
openssl ec -in test-only-ec-p256-pkcs8.pem -out test-only-ec-p256-sec1.pem
openssl ec -in test-only-ec-p256-pkcs8.pem -aes256 -passout pass:$PASS -out test-only-ec-p256-enc-legacy.pem
openssl req -x509 -new -key test-only-ec-p256-pkcs8.pem -subj "/CN=test-only-ec-p256" -days 3650 \
    -sha256 -out test-only-ec-p256-cert.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out test-only-ec-p384.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out test-only-ec-p521.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out test-only-ec-secp256k1.pem
openssl genpkey -quiet -algorithm ED25519 -out test-only-ed25519.pem
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out test-only-rsa1024.pem

# RSA-PSS typed keys (id-RSASSA-PSS), as NetSuite's `openssl req -newkey rsa-pss` recipe makes
# them (K7), and one restricted to SHA-384 (RFC 4055 parameters).
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out test-only-rsa-pss-2048.pem
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
    -pkeyopt rsa_pss_keygen_md:sha384 -pkeyopt rsa_pss_keygen_mgf1_md:sha384 \
    -pkeyopt rsa_pss_keygen_saltlen:48 -out test-only-rsa-pss-sha384-2048.pem

# Keys from other tools (K4).
ssh-keygen -q -t ed25519 -N '' -C test-only -f test-only-openssh-ed25519
cat > test-only-putty.ppk <<'PPK'
PuTTY-User-Key-File-3: ssh-ed25519
Encryption: none
Comment: test-only
Public-Lines: 2
AAAAC3NzaC1lZDI1NTE5AAAAIHRlc3Qtb25seS10ZXN0LW9ubHktdGVzdC1vbmx5
LXQ=
Private-Lines: 1
AAAAIHRlc3Qtb25seS1ub3QtYS1yZWFsLWtleS1ub3QtYS1yZWFsLWs=
Private-MAC: 0000000000000000000000000000000000000000000000000000000000000000
PPK
