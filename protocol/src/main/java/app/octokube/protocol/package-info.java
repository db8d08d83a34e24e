/**
 * The wire contract of Octokube: value types shared by every module, the messages of the
 * Agent-Backend link ({@code link}) and of the client stream ({@code client}), and the JSON codec.
 * docs/protocol.md is the specification; this package implements it.
 */
package app.octokube.protocol;
