/**
 * Known answers from the specifications, against every provider.
 * RFC 8439 (ChaCha20-Poly1305) is deliberately absent: Ferry's AEAD is AES-256-GCM only.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fromHex, toHex } from './bytes.js'
import { allProviders } from './select-provider.js'

const RFC8032_TEST_1024_MESSAGE =
  '08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f27088d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128bab27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb751fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e488acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5fb93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380db2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0'

describe('RFC and NIST known answers', async () => {
  const providers = await allProviders()

  for (const p of providers) {
    describe(p.name, () => {
      it('RFC 7748 §5.2: X25519 test vectors 1 and 2', async () => {
        assert.equal(toHex(await p.x25519SharedSecret(
          fromHex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
          fromHex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c'))),
        'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552')
        assert.equal(toHex(await p.x25519SharedSecret(
          fromHex('4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d'),
          fromHex('e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493'))),
        '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957')
      })

      // The 1,000,000-iteration value is not checked: about 20 minutes with noble.
      it('RFC 7748 §5.2: iterated X25519, 1 and 1,000 iterations', async () => {
        let k = fromHex('0900000000000000000000000000000000000000000000000000000000000000')
        let u: Uint8Array = k.slice()
        for (let i = 1; i <= 1000; i++) {
          const next = await p.x25519SharedSecret(k, u)
          u = k
          k = next
          if (i === 1) assert.equal(toHex(k), '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079')
        }
        assert.equal(toHex(k), '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51')
      })

      it('RFC 7748 §6.1: X25519 Diffie-Hellman', async () => {
        const a = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
        const b = fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')
        const aPublic = await p.x25519PublicKey(a)
        const bPublic = await p.x25519PublicKey(b)
        assert.equal(toHex(aPublic), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')
        assert.equal(toHex(bPublic), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
        const k = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'
        assert.equal(toHex(await p.x25519SharedSecret(a, bPublic)), k)
        assert.equal(toHex(await p.x25519SharedSecret(b, aPublic)), k)
      })

      const rfc8032 = [
        { name: 'TEST 1', secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', message: '', signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b' },
        { name: 'TEST 2', secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', message: '72', signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00' },
        { name: 'TEST 3', secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7', public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025', message: 'af82', signature: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a' },
        { name: 'TEST 1024', secret: 'f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5', public: '278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e', message: RFC8032_TEST_1024_MESSAGE, signature: '0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03' }
      ]
      for (const v of rfc8032) {
        it(`RFC 8032 §7.1 Ed25519 ${v.name}: public key, signature, verification`, async () => {
          const secret = fromHex(v.secret)
          const message = fromHex(v.message)
          assert.equal(toHex(await p.ed25519PublicKey(secret)), v.public)
          assert.equal(toHex(await p.ed25519Sign(secret, message)), v.signature)
          assert.equal(await p.ed25519Verify(fromHex(v.public), message, fromHex(v.signature)), true)
          const flipped = fromHex(v.signature)
          flipped[40] = (flipped[40] as number) ^ 0x01
          assert.equal(await p.ed25519Verify(fromHex(v.public), message, flipped), false)
        })
      }
      it('RFC 8032 TEST 1024 message is 1023 bytes', () => assert.equal(fromHex(RFC8032_TEST_1024_MESSAGE).length, 1023))

      it('RFC 5869 Appendix A.1-A.3: HKDF-SHA256 test cases 1-3', async () => {
        const ikm1 = fromHex('0b'.repeat(22))
        assert.equal(toHex(await p.hkdfSha256(ikm1, fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42)),
          '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865')
        const range = (from: number, count: number): Uint8Array => Uint8Array.from({ length: count }, (_, i) => from + i)
        assert.equal(toHex(await p.hkdfSha256(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82)),
          'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87')
        // Test case 3: zero-length salt and info; the salt defaults to HashLen zeros (§2.2).
        assert.equal(toHex(await p.hkdfSha256(ikm1, new Uint8Array(0), new Uint8Array(0), 42)),
          '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8')
      })

      // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13-16 (AES-256).
      const gcmKey = fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308')
      const gcmIv = fromHex('cafebabefacedbaddecaf888')
      const gcmPlaintext = 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255'
      const gcmCases = [
        { name: 'test case 13 (empty plaintext)', key: new Uint8Array(32), iv: new Uint8Array(12), aad: undefined, plaintext: '', sealed: '530f8afbc74536b9a963b4f1c4cb738b' },
        { name: 'test case 14', key: new Uint8Array(32), iv: new Uint8Array(12), aad: undefined, plaintext: '00'.repeat(16), sealed: 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919' },
        { name: 'test case 15', key: gcmKey, iv: gcmIv, aad: undefined, plaintext: gcmPlaintext, sealed: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad' + 'b094dac5d93471bdec1a502270e3cc6c' },
        { name: 'test case 16 (with AAD)', key: gcmKey, iv: gcmIv, aad: fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2'), plaintext: gcmPlaintext.slice(0, 120), sealed: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' + '76fc6ece0f4e1768cddf8853bb2d551b' }
      ]
      for (const c of gcmCases) {
        it(`AES-256-GCM, GCM spec ${c.name}`, async () => {
          assert.equal(toHex(await p.aeadEncrypt(c.key, c.iv, fromHex(c.plaintext), c.aad)), c.sealed)
          assert.equal(toHex(await p.aeadDecrypt(c.key, c.iv, fromHex(c.sealed), c.aad)), c.plaintext)
        })
      }

      it('FIPS 180-4 examples: SHA-256 of "abc" and of 1,000,000 x "a" (native path)', async () => {
        assert.equal(toHex(await p.sha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
        assert.equal(toHex(await p.sha256(new Uint8Array(1_000_000).fill(0x61))), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0')
      })

      it('RFC 4231 §4.2: HMAC-SHA256 test case 1', async () => {
        assert.equal(toHex(await p.hmacSha256(fromHex('0b'.repeat(20)), new TextEncoder().encode('Hi There'))),
          'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7')
      })
    })
  }
})
