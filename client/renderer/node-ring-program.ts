// A hollow node (a coloured ring with a white centre): sigma's circle program with its own fragment shader.
// Used for "potential" exposure in a blast radius, so it stays distinct from "confirmed" in any colour scheme.
import type { Attributes } from 'graphology-types';
import { NodeCircleProgram } from 'sigma/rendering';

// language=GLSL
const FRAGMENT = /* glsl */ `
precision highp float;

varying vec4 v_color;
varying vec2 v_diffVector;
varying float v_radius;

uniform float u_correctionRatio;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);
const vec4 white = vec4(1.0, 1.0, 1.0, 1.0);

void main(void) {
  float border = u_correctionRatio * 2.0;
  float d = length(v_diffVector);
  float dist = d - v_radius + border;

  #ifdef PICKING_MODE
  // The whole disc stays clickable.
  if (dist > border)
    gl_FragColor = transparent;
  else
    gl_FragColor = v_color;
  #else
  float inner = v_radius * 0.5;
  vec4 color = v_color;
  if (d < inner - border)
    color = white;
  else if (d < inner)
    color = mix(white, v_color, (d - (inner - border)) / border);

  float t = 0.0;
  if (dist > border)
    t = 1.0;
  else if (dist > 0.0)
    t = dist / border;

  gl_FragColor = mix(color, transparent, t);
  #endif
}
`;

export class NodeRingProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends NodeCircleProgram<N, E, G> {
  override getDefinition(): ReturnType<NodeCircleProgram['getDefinition']> {
    return { ...super.getDefinition(), FRAGMENT_SHADER_SOURCE: FRAGMENT };
  }
}
